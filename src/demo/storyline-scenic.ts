/** Storyline: holiday crowds at 云雾山景区 — traffic jams, queues and prices; the tourism bureau's notices. */
import type { StorylineSpec } from './storyline-types.ts';

export const SCENIC: StorylineSpec = {
  id: 'scenic',
  name: '云雾山景区假日客流',
  townId: 'town-baiyun',
  fixed: { scenic: '{云雾山景区|云雾山}', town: '白云乡' },
  defaultAt: 0.6,
  // Three holiday days, busy by day and quiet at night (hours since the first morning, 08:00).
  curve: [[0, 1], [3, 10], [6, 12], [10, 4], [13, 1], [23, 1], [24, 6], [26, 16], [30, 14], [34, 4], [37, 1], [47, 1], [48, 4], [51, 7], [56, 3], [62, 0]],
  channels: [['json', 65], ['forum', 20], ['hotline', 10], ['mailbox', 5]],
  unitId: 'unit-culture',
  category: '文化旅游',
  asks: ['{希望|建议}{文旅局|景区}{增加|多开}{观光车|厕所|停车位}，{规范|整治}{停车收费|乱收费}', '{建议|希望}{节假日|假期}{提前|}{实行预约|限流}，{别让|不要让}游客{白跑|堵在路上}'],
  phases: [
    {
      from: 0, to: 62, repostShare: 0.12,
      tones: [['negative', 5], ['neutral', 3], ['positive', 3]],
      hashtags: ['云雾山', '临澜假日', '临澜文旅'],
      titles: {
        negative: ['{scenic}{堵死了|堵车{nn}公里}，{劝大家别来了|千万别来}', '{scenic}{索道|观光车}排队{n}小时', '{scenic}{停车|吃饭}{乱收费|太坑了}'],
        neutral: ['{scenic}{今天|现在}{人多吗|路况怎么样}？', '{假期|国庆}{scenic}{攻略|游玩提示}'],
        positive: ['{scenic}的{云海|日出|红叶}{太美了|值了}', '{为|给}{scenic}的{志愿者|工作人员}点赞'],
      },
      lines: {
        negative: ['{上山的路|通往{scenic}的路}{堵了|堵成停车场}，{两个小时|一上午}{才挪了|只走了}{cn}公里', '{索道|观光车}{排队|等了}{n}个小时，{孩子|老人}{又累又饿|哭闹}', '{停车场|路边}{停车|停一次}{收|要}{price}{还不给票|没有发票}', '{山上|景区里}{一碗泡面|一瓶水}{卖|要}{price}，{太坑了|宰客}', '{厕所|卫生间}{排长队|太少}，{又脏又臭|根本不够用}', '{网上|售票处}{说|显示}{票卖完了|要预约}，{来了|到了}{才知道|门口才说}，{白跑一趟|白来了}'],
        neutral: ['{现在|目前}{scenic}{山下|停车场}{已经|}{停满了|车很多}，{还没出发的|准备去的}{朋友|}{错峰|改天}吧', '{听说|看到通知}{scenic}{要|已经}{预约|限流}了，{大家|去之前}{先|记得}{网上预约|看公告}', '{有没有|求}{去过的|刚下山的}{朋友|人}{说说|分享一下}{路况|排队情况}？'],
        positive: ['{scenic}{山顶|观景台}的{云海|日出}{太壮观了|美哭了}，{排队|堵车}{也值了|都值得}', '{景区的|路口的}{志愿者|交警}{一直在|站着}{引导|疏导}，{辛苦了|很暖心}', '{错峰|一大早}{去的|上山}，{人不多|没怎么排队}，{风景|体验}{很好|满分}'],
      },
    },
  ],
  officials: [
    {
      at: 4.5, unitId: 'unit-culture', author: '临澜县文化广电旅游局', sourceKind: 'rss', officialKind: 'release',
      title: '关于云雾山景区实行预约限流的公告',
      paragraphs: [
        '假日期间云雾山景区游客量持续增长，为保障游客安全和游览体验，自即日起景区实行分时预约、限量开放，单日最大承载量{nn}000人次。',
        '请广大游客提前通过官方渠道预约，错峰出行；景区索道、观光车实行分时段排队。游客可乘坐县城至白云乡的旅游专线，减少自驾。',
        '景区咨询及投诉电话：12345。临澜县文化广电旅游局',
      ],
    },
    {
      at: 5.5, unitId: 'unit-traffic', author: '临澜交警', sourceKind: 'json', officialKind: 'release',
      title: '云雾山景区周边道路交通分流提示',
      paragraphs: ['#临澜假日#【出行提示】目前通往云雾山景区的X012县道车流量大，白云乡路口实行单向分流，景区停车场已满，请游客将车辆停放至白云乡临时停车场换乘景区接驳车。请听从现场交警指挥。'],
    },
    {
      at: 29, unitId: 'unit-culture', author: '临澜县文化广电旅游局', sourceKind: 'forum', officialKind: 'reply', answersLetter: true,
      title: '答复：关于云雾山景区停车收费和排队问题',
      paragraphs: [
        '{网友|您好}：您反映的云雾山景区停车收费不规范、排队时间长等问题已收悉。',
        '经核查，景区周边部分私人停车场存在未明码标价问题，县市场监督管理局已依法责令整改；景区已增开观光车{n}辆，并实行分时段预约排队。',
        '感谢您对临澜文旅工作的关心和监督，欢迎再次来临澜游玩。',
      ],
    },
  ],
};
